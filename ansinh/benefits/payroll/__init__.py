"""The monthly payroll: compute the run, approve, send bank and cash files, import returns."""
