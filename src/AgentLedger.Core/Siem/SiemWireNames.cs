namespace AgentLedger.Core.Siem;

/// <summary>The snake_case names of the SIEM enums in the admin API and in storage.</summary>
public static class SiemWireNames
{
    private static readonly Dictionary<SiemDestinationKind, string> Kinds = new()
    {
        [SiemDestinationKind.SplunkHec] = "splunk_hec",
        [SiemDestinationKind.Syslog] = "syslog",
        [SiemDestinationKind.Webhook] = "webhook",
        [SiemDestinationKind.Elasticsearch] = "elasticsearch",
    };

    private static readonly Dictionary<SiemPayloadFormat, string> Formats = new()
    {
        [SiemPayloadFormat.Native] = "native",
        [SiemPayloadFormat.Ocsf] = "ocsf",
        [SiemPayloadFormat.Cef] = "cef",
        [SiemPayloadFormat.Ecs] = "ecs",
    };

    private static readonly Dictionary<SiemContentLevel, string> ContentLevels = new()
    {
        [SiemContentLevel.Metadata] = "metadata",
        [SiemContentLevel.Hashed] = "hashed",
        [SiemContentLevel.Full] = "full",
    };

    private static readonly Dictionary<SiemSource, string> Sources = new()
    {
        [SiemSource.Records] = "records",
        [SiemSource.AuditLog] = "audit_log",
    };

    private static readonly Dictionary<SyslogTransport, string> Transports = new()
    {
        [SyslogTransport.Tcp] = "tcp",
        [SyslogTransport.Tls] = "tls",
    };

    public static IEnumerable<string> AllKinds => Kinds.Values;

    public static IEnumerable<string> AllFormats => Formats.Values;

    public static IEnumerable<string> AllContentLevels => ContentLevels.Values;

    public static IEnumerable<string> AllSources => Sources.Values;

    public static IEnumerable<string> AllTransports => Transports.Values;

    public static string Of(SiemDestinationKind value) => Kinds[value];

    public static string Of(SiemPayloadFormat value) => Formats[value];

    public static string Of(SiemContentLevel value) => ContentLevels[value];

    public static string Of(SiemSource value) => Sources[value];

    public static string Of(SyslogTransport value) => Transports[value];

    public static bool TryParse(string? name, out SiemDestinationKind value) => TryGet(Kinds, name, out value);

    public static bool TryParse(string? name, out SiemPayloadFormat value) => TryGet(Formats, name, out value);

    public static bool TryParse(string? name, out SiemContentLevel value) => TryGet(ContentLevels, name, out value);

    public static bool TryParse(string? name, out SiemSource value) => TryGet(Sources, name, out value);

    public static bool TryParse(string? name, out SyslogTransport value) => TryGet(Transports, name, out value);

    /// <summary>Parses a stored name; throws <see cref="FormatException"/> naming it when unknown.</summary>
    public static T Parse<T>(string name)
        where T : struct, Enum
    {
        var found = typeof(T) switch
        {
            var t when t == typeof(SiemDestinationKind) => Find(Kinds, name),
            var t when t == typeof(SiemPayloadFormat) => Find(Formats, name),
            var t when t == typeof(SiemContentLevel) => Find(ContentLevels, name),
            var t when t == typeof(SiemSource) => Find(Sources, name),
            var t when t == typeof(SyslogTransport) => Find(Transports, name),
            _ => null,
        };
        return found is T value ? value : throw new FormatException($"'{name}' is not a {typeof(T).Name} name.");
    }

    private static object? Find<T>(Dictionary<T, string> names, string name)
        where T : struct, Enum =>
        TryGet(names, name, out var value) ? value : null;

    private static bool TryGet<T>(Dictionary<T, string> names, string? name, out T value)
        where T : struct, Enum
    {
        foreach (var (key, wire) in names)
        {
            if (wire == name)
            {
                value = key;
                return true;
            }
        }

        value = default;
        return false;
    }
}
