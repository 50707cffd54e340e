# tests: exporters
