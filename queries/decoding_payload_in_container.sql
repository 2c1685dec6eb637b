-- Rule: Decoding Payload in Container
-- Source: falco-sandbox_rules.yaml (sandbox)
-- Priority: INFO
-- Tags: container, process, mitre_command_and_control, T1132
-- Purpose: base64 was run to decode data: payloads are often smuggled base64-encoded.
SELECT 'Decoding Payload in Container' AS rule,
       'INFO' AS priority, 'container,process,mitre_command_and_control,T1132' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND name = 'base64'
  AND (cmdline LIKE '% --decode%' OR cmdline LIKE '% -d%');
