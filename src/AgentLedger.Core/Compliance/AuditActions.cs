namespace AgentLedger.Core.Compliance;

/// <summary>
/// The <c>action</c> names of audit events. Reads follow OpenAI's <c>LIST_WORKSPACE_LOG_FILES</c> style; every read of
/// compliance data has one, so that who looked at what is itself on the record (access transparency).
/// </summary>
public static class AuditActions
{
    public const string ListLogFiles = "LIST_WORKSPACE_LOG_FILES";
    public const string DownloadLogFile = "DOWNLOAD_WORKSPACE_LOG_FILE";
    public const string ReadRecords = "READ_COMPLIANCE_RECORDS";
    public const string ReadSessionTranscript = "READ_SESSION_TRANSCRIPT";
    public const string ListUserSessions = "LIST_USER_SESSIONS";
    public const string ReadAuditEvents = "READ_AUDIT_EVENTS";
    public const string ReadDlpFindings = "READ_DLP_FINDINGS";
    public const string CreateExport = "CREATE_EDISCOVERY_EXPORT";
    public const string ReadExport = "READ_EDISCOVERY_EXPORT";
    public const string ListExports = "LIST_EDISCOVERY_EXPORTS";
    public const string DownloadExport = "DOWNLOAD_EDISCOVERY_EXPORT";
    public const string ExportCompleted = "EDISCOVERY_EXPORT_COMPLETED";
    public const string ExportFailed = "EDISCOVERY_EXPORT_FAILED";
    public const string CreateApiKey = "API_KEY_CREATED";
    public const string RevokeApiKey = "API_KEY_REVOKED";
    public const string UpdateDirectoryUsers = "DIRECTORY_USERS_UPDATED";
    public const string CreateWorkspace = "WORKSPACE_CREATED";
    public const string CreateDashboardAccount = "DASHBOARD_ACCOUNT_CREATED";
    public const string DisableDashboardAccount = "DASHBOARD_ACCOUNT_DISABLED";
    public const string VerifyRecordChain = "VERIFY_RECORD_CHAIN";
    public const string CreateLegalHold = "LEGAL_HOLD_CREATED";
    public const string UpdateLegalHold = "LEGAL_HOLD_UPDATED";
    public const string ReleaseLegalHold = "LEGAL_HOLD_RELEASED";
    public const string ListLegalHolds = "LIST_LEGAL_HOLDS";
    public const string ReadRetention = "READ_RETENTION_POLICY";
    public const string ContentPurged = "RETENTION_CONTENT_PURGED";
    public const string MetadataPurged = "RETENTION_METADATA_PURGED";

    /// <summary>A key without the needed scope was refused on a compliance path.</summary>
    public const string AccessDenied = "ACCESS_DENIED";
}
