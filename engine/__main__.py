import sys

try:
    from engine.cli import main

    code = main()
except KeyboardInterrupt:  # Ctrl-C while modules are still loading
    sys.stderr.write("\ninterrupted\n")
    code = 130
sys.exit(code)
