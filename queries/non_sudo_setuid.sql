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
  AND uid <> 0
  AND coalesce((SELECT username FROM users u WHERE u.uid = process_events.uid), '') <> 'root'
  -- Falco's somebody_becoming_themselves: a service user calling setuid to its own id (detail is 'id=<uid>').
  AND NOT (uid = CAST(substr(detail, 4) AS INTEGER)
           AND (SELECT username FROM users u WHERE u.uid = process_events.uid)
               IN ('nobody', 'www-data', '_apt', 'postfix', 'pki-agent', 'pki-acme', 'nfsnobody', 'postgres'))
  -- Falco's known_setuid_binaries, userexec_binaries, mail_binaries, docker_binaries and nomachine_binaries.
  AND coalesce(name, '') NOT IN ('sshd', 'dbus-daemon-lau', 'ping', 'ping6', 'critical-stack-', 'pmmcli', 'filemng',
                                  'PassengerAgent', 'bwrap', 'osdetect', 'nginxmng', 'sw-engine-fpm', 'start-stop-daem',
                                  'sudo', 'su', 'suexec', 'critical-stack', 'dzdo', 'sendmail', 'sendmail-msp', 'postfix',
                                  'procmail', 'exim4', 'pickup', 'showq', 'mailq', 'dovecot', 'imap-login', 'imap',
                                  'mailmng-core', 'pop3-login', 'dovecot-lda', 'pop3', 'docker', 'dockerd', 'containerd-shim',
                                  'runc:[1:CHILD]', 'pause', 'exe', 'docker-compose', 'docker-entrypoi', 'docker-runc-cur',
                                  'docker-current', 'dockerd-current', 'nxexec', 'nxnode.bin', 'nxserver.bin', 'nxclient.bin')
  AND coalesce(name, '') NOT LIKE 'runc:%'
  AND NOT (split(cmdline, ' ', 0) LIKE '%java' AND cmdline LIKE '%sdjagent.jar%')
  AND NOT (name = 'nrpe' AND EXISTS (SELECT 1 FROM users u WHERE u.username = 'nagios' AND u.uid = CAST(substr(detail, 4) AS INTEGER)));
