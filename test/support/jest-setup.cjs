// n8n-core logs node errors through winston; tests assert on errors instead of printing them.
process.env.N8N_LOG_LEVEL = 'silent';
require('./n8n-home.cjs');
