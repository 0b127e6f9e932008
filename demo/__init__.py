"""The synthetic demo town みどり町: made-up residents, addresses and histories (`town`), and a replica of them
registered through the registry like any 転入 (`replica`). Data generation, not a registry rule: the program uses it
for `init --demo`, the tests and benchmarks for realistic replicas."""
