"""Pieces several rooms of the window use: the styles of messages, the background-work helper, tables of
異動 rows and of residents waiting for a number, the approval of a 持出し, PDF pages for previews and printing,
dates as the window shows them, fonts and translations. Nothing here imports another room."""
