-- Rule: Drop and execute new binary in container
-- Source: falco_rules.yaml (stable)
-- Priority: CRITICAL
-- Tags: container, process, mitre_persistence, TA0003, PCI_DSS_11.5.1
-- Purpose: A program was executed whose file a traced process wrote, created, renamed or linked into place, or chmod'ed, since the app started (FarQuery's stand-in for Falco's overlay upper-layer flag).
SELECT 'Drop and execute new binary in container' AS rule,
       'CRITICAL' AS priority, 'container,process,mitre_persistence,TA0003,PCI_DSS_11.5.1' AS tags,
       e.pid, e.name, e.path, e.cmdline, e.parent, e.parent_name, e.parent_cmdline, e.ancestors, e.cwd, e.exec_path, e.time
FROM process_events e
WHERE e.syscall IN ('execve', 'execveat')
  AND e.path IS NOT NULL
  -- The time constraints on the file side disable its bookmark (osquery.md §5): the drop may have been reported in an
  -- earlier run than the exec, so this side sees every buffered file event, while the exec side sees each exec once.
  AND EXISTS (SELECT 1 FROM process_file_events f
              WHERE f.time > 0 AND f.time <= e.time AND f.status = 'succeeded'
                AND ((f.path = e.path AND (f.operation IN ('creat', 'chmod')
                                          OR (f.operation = 'open' AND substr(f.flags, -1, 1) IN ('1', '2', '3', '5', '6', '7'))))
                     OR (f.dest_path = e.path AND f.operation IN ('rename', 'link'))));
