namespace AgentLedger.Load;

/// <summary>
/// The people and sessions the traffic comes from: <see cref="Users"/> developers, each working in a few sessions at a
/// time, each session a few dozen records long. A run nonce keeps the sessions of two runs apart.
/// </summary>
internal sealed class VirtualFleet(int users, string runNonce)
{
    private static readonly string[] Teams = ["payments", "platform", "mobile", "data", "search", "infra"];

    public int Users { get; } = users;

    public string RunNonce { get; } = runNonce;

    public VirtualUser Pick(Random random)
    {
        var n = random.Next(Users);
        // a session lasts about 40 records of its user; the counter moves the user on to a new one now and then
        var session = $"{RunNonce}-{n:D5}-{random.Next(3)}-{Interlocked.Increment(ref _sessionClock) / (40L * Users)}";
        return new VirtualUser(
            n,
            $"dev{n:D5}@acme.example",
            $"{Teams[n % Teams.Length]}-{n:D5}",
            Guid.CreateVersion5Like(n).ToString(),
            session,
            $"{session}-turn-{random.Next(1, 30)}");
    }

    private long _sessionClock;
}

internal sealed record VirtualUser(int Number, string Email, string Login, string AccountId, string SessionId, string TurnId);

internal static class GuidExtensions
{
    extension(Guid)
    {
        /// <summary>A stable per-user id (not a real v5 UUID: the bytes of the number, formatted as a GUID).</summary>
        public static Guid CreateVersion5Like(int n)
        {
            Span<byte> bytes = stackalloc byte[16];
            bytes.Clear();
            BitConverter.TryWriteBytes(bytes, n);
            bytes[15] = 0x4c;
            return new Guid(bytes);
        }
    }
}
