# tests: segment
