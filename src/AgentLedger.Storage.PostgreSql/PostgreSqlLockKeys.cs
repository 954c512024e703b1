using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AgentLedger.Storage.PostgreSql;

/// <summary>
/// The 64-bit keys of PostgreSQL advisory locks, derived from names so that they are stable across instances and
/// releases. The "agentledger:" prefix keeps them apart from other applications' advisory locks in a shared database.
/// </summary>
internal static class PostgreSqlLockKeys
{
    /// <summary>Held while migrations run, so instances starting together migrate one after the other.</summary>
    public static readonly long Migrations = For("agentledger:migrations");

    /// <summary>Held while record partitions are created or dropped.</summary>
    public static readonly long Partitions = For("agentledger:partitions");

    public static long ForJob(string jobName) => For("agentledger:job:" + jobName);

    private static long For(string name) => BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
}
