namespace AgentLedger.Server.Features.Demo;

/// <summary>Name parts of the fictional demo employees (every address is under the reserved <c>.example</c> TLD).</summary>
internal static class DemoNames
{
    public const string EmailDomain = "acme-corp.example";

    public static readonly IReadOnlyList<string> First =
    [
        "Ana", "Ben", "Chloe", "Daniel", "Elif", "Farah", "Gabriel", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo", "Nadia",
        "Oscar", "Priya", "Quentin", "Rosa", "Samir", "Tomas", "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe", "Aiko",
        "Bruno", "Carmen", "Dmitri", "Esther", "Felix", "Grace", "Hugo", "Ines", "Jonas", "Kira", "Leo", "Maya", "Noah",
        "Olga", "Pedro", "Rahul", "Sara", "Theo", "Vera", "Will", "Yara", "Minji", "Jisoo", "Hyun", "Seojun", "Arjun",
        "Deepa", "Kavya", "Sofia", "Lukas", "Emma", "Marta", "Omar",
    ];

    public static readonly IReadOnlyList<string> Last =
    [
        "Silva", "Nguyen", "Kim", "Park", "Lee", "Choi", "Garcia", "Muller", "Schmidt", "Rossi", "Dubois", "Novak", "Kowalski",
        "Ivanova", "Tanaka", "Sato", "Chen", "Wang", "Singh", "Patel", "Sharma", "Okafor", "Mensah", "Haddad", "Cohen",
        "Larsen", "Berg", "Jensen", "Smith", "Johnson", "Brown", "Taylor", "Walker", "Young", "Martin", "Lopez", "Costa",
        "Ferreira", "Yilmaz", "Demir", "Fischer", "Weber", "Moreau", "Laurent", "Romano", "Bianchi", "Horvat", "Popescu",
        "Andersson", "Nielsen",
    ];
}
