"""The window: PySide6 widgets, dialogs and table models, and the only package that imports Qt. In rooms by task:

    shell/      start-up (replica, first run, sign-in), the main window with its status bar, disaster banner,
                idle lock and continuous sync; the start-up probe and the self-test
    search/     the search box, the result table over its lazy model, the 照会 person view
    idou/       異動 entry and the 付番待ち lists
    kofu/       交付 and the 係長の判断
    admin/      the dialogs of the 管理 menu
    first_run/  the 初期設定 wizard
    common/     what several rooms use, among it the one helper for work off the GUI thread

A room imports `common` and its own modules, never another room's; only the shell opens the other rooms' dialogs
(the main window its menu's, the start-up the first-run wizard).
"""
