"""Replication with the municipality's cloud over the CouchDB replication protocol (not built yet: issue #3).

The replica's documents (`local_store.documents`) already carry what replication needs: random ids, revision ids
that are HMACs under the data key, a local change sequence, and `Registry.ingest` for checked arrivals.
"""
