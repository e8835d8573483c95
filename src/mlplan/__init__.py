"""mlplan: a command-line study planner for people teaching themselves machine learning."""

__version__ = "0.1.0"
