# tests: units
