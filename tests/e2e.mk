# tests: e2e
