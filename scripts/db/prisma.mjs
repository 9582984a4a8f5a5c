// placeholder replaced by the db tooling
process.exit(0);
