"""What the tests share: fixtures, paths, schedules and the gold helpers."""
