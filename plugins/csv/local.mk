# stage csv
