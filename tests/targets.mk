# tests: targets
