"""Replication with the municipality's cloud over the CouchDB replication protocol, end to end encrypted.

`couch_client` speaks HTTP, `envelope` seals and opens documents, `replicator` runs a round, `enrollment` holds the
documents that hand the keys to a new terminal through the cloud and `joining` the steps on both terminals, `cloud`
ties them to a replica for the window and the command line, `cloud_setup` prepares a municipality's cloud.
"""
