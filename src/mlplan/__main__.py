"""Allow ``python -m mlplan``."""

from mlplan.entry import main

main()
