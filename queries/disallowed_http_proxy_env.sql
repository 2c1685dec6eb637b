-- Rule: Program run with disallowed http proxy env
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: NOTICE
-- Tags: host, container, users, mitre_execution, T1204
-- Purpose: curl or wget was started with HTTP_PROXY in its environment, redirecting its traffic; needs environments captured (`farquery run --capture-env` or the config option `capture_env`).
SELECT 'Program run with disallowed http proxy env' AS rule,
       'NOTICE' AS priority, 'container,users,mitre_execution,T1204' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND name IN ('curl', 'wget')
  -- Falco: proc.env icontains HTTP_PROXY (LIKE is case-insensitive for ASCII).
  AND env LIKE '%HTTP_PROXY%';
