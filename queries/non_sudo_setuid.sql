-- Rule: Non sudo setuid
-- Source: falco-incubating_rules.yaml (incubating)
-- Priority: NOTICE
-- Tags: host, container, users, mitre_privilege_escalation, T1548.001
-- Purpose: A non-root process called setuid (the ids recorded are those after the call, so this sees failed attempts and non-root targets), outside the programs whose job it is (sudo, su, sshd, ping, mail daemons).
SELECT 'Non sudo setuid' AS rule,
       'NOTICE' AS priority, 'container,users,mitre_privilege_escalation,T1548.001' AS tags,
       pid, name, path, cmdline, parent, parent_name, parent_cmdline, ancestors, cwd, exec_path, time, uid, euid, detail, status, result
FROM process_events
WHERE syscall = 'setuid'
  AND (uid <> 0 OR euid <> 0)
  AND coalesce(name, '') NOT IN ('sshd', 'dbus-daemon-lau', 'ping', 'ping6', 'critical-stack-', 'sudo', 'su', 'suexec',
                                  'login', 'unix_chkpwd', 'newgrp', 'sendmail', 'sendmail-msp', 'postfix', 'procmail', 'exim4',
                                  'pickup', 'showq', 'mailq', 'dovecot', 'docker', 'dockerd', 'runc', 'containerd-shim');
