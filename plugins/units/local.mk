# stage units
