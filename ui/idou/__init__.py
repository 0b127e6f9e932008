"""異動 entry: the dialog with its sections per 異動事由, and the 付番待ち lists (個人番号, 住民票コード)."""
