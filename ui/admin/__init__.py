"""What supervisors and administrators open from the 管理 menu: settings, staff, audit, 支援措置, review lists,
the day's 異動 and totals, population statistics, disasters, bundles, notices, and the key sheets."""
