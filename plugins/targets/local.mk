# stage targets
