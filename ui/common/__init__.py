"""Pieces several rooms of the window use: the one helper for work off the GUI thread (`background`), the styles
of messages, the tables of a 異動's rows and of residents waiting for a number, a 管理者's approval of a 持出し and the
sign-in it needs, PDF pages for previews and printing, saving a 復旧キット, the idle lock's setting, dates as the
window shows them, fonts and translations. Nothing here imports a room."""
