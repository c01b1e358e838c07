// n8n loads nodes and credentials from the paths listed under "n8n" in package.json; nothing is exported here.
module.exports = {};
