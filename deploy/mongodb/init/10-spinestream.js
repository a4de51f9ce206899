// Runs once, when the mongo image initialises an empty data volume (as the root user): the user
// form-analysis connects as, allowed to read and write only its own database
// (spinestream.analysis.store.database; tests/deployment keeps the name equal to it).
const analysis = db.getSiblingDB('spinestream_analysis');
analysis.createUser({
  user: process.env.SPINESTREAM_MONGODB_USERNAME,
  pwd: process.env.SPINESTREAM_MONGODB_PASSWORD,
  roles: [{ role: 'readWrite', db: 'spinestream_analysis' }],
});
