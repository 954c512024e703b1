-- Admin pages (issue 6). When a key was last used: written at most about once a minute per key, by a conditional
-- UPDATE off the request path (ApiKeyUsageRecorder), never once per request. Revoking a key keeps it.
ALTER TABLE api_keys ADD COLUMN last_used_at INTEGER;

-- The workspace whose admin created this one from the dashboard; null when the command line, the demo or an API key
-- created it. It lets that admin list the workspaces it created, and nothing more: it grants no access to their data.
ALTER TABLE workspaces ADD COLUMN created_by_workspace_id TEXT;
