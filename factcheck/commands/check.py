"""`factcheck check`: rate statements given as arguments or read from stdin."""
