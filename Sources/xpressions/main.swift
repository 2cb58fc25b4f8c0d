// Entry point: argument parsing and wiring only.
import Foundation

print("xpressions: under construction")
