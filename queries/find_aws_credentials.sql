-- Rule: Find AWS Credentials
-- Source: falco_rules.yaml (stable)
-- Priority: WARNING
-- Tags: host, container, process, aws, mitre_credential_access, T1552
-- Purpose: grep for AWS access key names, or find for .aws/credentials: AWS credential harvesting.
SELECT 'Find AWS Credentials' AS rule,
       'WARNING' AS priority, 'container,process,aws,mitre_credential_access,T1552' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND ((name IN ('grep', 'egrep', 'fgrep')
        -- Falco: proc.args icontains (LIKE is case-insensitive for ASCII).
        AND (cmdline LIKE '%aws_access_key_id%' OR cmdline LIKE '%aws_secret_access_key%' OR cmdline LIKE '%aws_session_token%'
             OR cmdline LIKE '%accesskeyid%' OR cmdline LIKE '%secretaccesskey%'))
       -- Falco: proc.args endswith, which is case-sensitive.
       OR (name = 'find' AND substr(cmdline, -16) = '.aws/credentials'));
