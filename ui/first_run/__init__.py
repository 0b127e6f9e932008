"""初期設定: the wizard of a terminal's first start, and its pages."""
