-- Rule: Search Private Keys or Passwords
-- Source: falco_rules.yaml (stable)
-- Priority: WARNING
-- Tags: host, container, process, filesystem, mitre_credential_access, T1552.001
-- Purpose: grep for private key headers, or find for SSH key files: credential harvesting.
SELECT 'Search Private Keys or Passwords' AS rule,
       'WARNING' AS priority, 'container,process,filesystem,mitre_credential_access,T1552.001' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time
FROM process_events
WHERE syscall IN ('execve', 'execveat')
  AND ((name IN ('grep', 'egrep', 'fgrep')
        AND (cmdline LIKE '%BEGIN PRIVATE%' OR cmdline LIKE '%BEGIN OPENSSH PRIVATE%' OR cmdline LIKE '%BEGIN RSA PRIVATE%'
             OR cmdline LIKE '%BEGIN DSA PRIVATE%' OR cmdline LIKE '%BEGIN EC PRIVATE%'))
       OR (name = 'find'
           AND (cmdline LIKE '%id_rsa%' OR cmdline LIKE '%id_dsa%' OR cmdline LIKE '%id_ed25519%' OR cmdline LIKE '%id_ecdsa%')));
