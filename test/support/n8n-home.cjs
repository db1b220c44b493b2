// n8n-core's InstanceSettings writes an encryption key to <N8N_USER_FOLDER>/.n8n/config, by
// default in the home folder, where a real n8n started later would pick it up. The harness,
// the demo and the benches keep it inside the project (.tools/ is not committed) instead.
// Set before n8n-core reads its configuration, whatever the environment says.
const path = require('node:path');

process.env.N8N_USER_FOLDER = path.join(__dirname, '..', '..', '.tools', 'n8n-harness');

// Its first run's "No encryption key found - Auto-generating…" is not news here: warnings
// and errors only, unless N8N_LOG_LEVEL says otherwise (the Jest setup silences it).
process.env.N8N_LOG_LEVEL ??= 'warn';
