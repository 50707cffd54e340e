# stage numbers
