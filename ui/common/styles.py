"""The colours of the window's messages and warnings, one place for every room."""

from __future__ import annotations

ERROR_STYLE = "color: #b00020; font-weight: bold;"  # a refusal or a mistake, said where it happened
FIELD_ERROR_STYLE = "border: 2px solid #b00020;"  # the field a refusal names
FIELD_ERROR_CELL = "#f8c9c5"  # the background of the table cells a refusal names
WARNING_STYLE = "color: #8a5a00; font-weight: bold;"  # worth saying, but nothing is refused
OK_STYLE = "color: #1b5e20;"  # what was done
# The 支援措置 warning, in the 照会 and in the 異動 entry.
PROTECTION_STYLE = ("background: #fde2e1; color: #8b0000; border: 2px solid #c62828; padding: 6px; "
                    "font-weight: bold;")
