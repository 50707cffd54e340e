# tests: numbers
