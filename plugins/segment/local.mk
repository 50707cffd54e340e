# stage segment
