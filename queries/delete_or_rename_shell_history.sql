-- Rule: Delete or rename shell history
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: WARNING
-- Tags: host, container, process, filesystem, mitre_defense_evasion, T1070
-- Purpose: A shell history file was deleted, renamed or truncated: covering tracks.
SELECT 'Delete or rename shell history' AS rule,
       'WARNING' AS priority, 'container,process,filesystem,mitre_defense_evasion,T1070' AS tags,
       f.pid, f.name, f.executable AS path, f.cmdline, f.ppid AS parent, f.parent_name, f.parent_cmdline, f.ancestors,
       f.operation, f.syscall, f.path AS file_path, f.dest_path, f.flags, f.mode, f.status, f.time
FROM process_file_events f
WHERE (f.path LIKE '%ash_history' OR f.path LIKE '%zsh_history' OR f.path LIKE '%fish_history' OR f.path LIKE '%fish_read_history%')
  AND (f.operation IN ('rename', 'unlink', 'rmdir')
       OR (f.operation IN ('open', 'creat') AND substr(f.flags, -4, 1) IN ('1', '3', '5', '7')));
