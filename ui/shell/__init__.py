"""The window around the rooms: start-up (the replica opened, the first run, the sign-in), the main window with
its menu, status bar, disaster banner and idle lock, continuous sync, the start-up probe and the self-test."""
