"""The window: PySide6 widgets, dialogs and table models. The only package that imports Qt."""
