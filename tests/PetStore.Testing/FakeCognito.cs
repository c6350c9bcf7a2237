using System.Net;
using PetStore.Aws;
using PetStore.Lambdas.Users;

namespace PetStore.Testing;

/// <summary>An <see cref="ICognitoClient"/> that records calls and fails where a test says so.</summary>
public sealed class FakeCognito : ICognitoClient
{
    public List<string> Calls { get; } = [];
    public HashSet<string> Users { get; } = [];
    public Dictionary<string, Exception> Failures { get; } = [];
    public SignInOutcome SignIn { get; set; } = new(new Tokens("access", "id", "refresh", 3600), null);

    /// <summary>Whether calls are kept in <see cref="Calls"/>; a benchmark turns it off so that nothing grows.</summary>
    public bool RecordCalls { get; init; } = true;

    /// <summary>What answering an MFA challenge gives.</summary>
    public SignInOutcome Answer { get; set; } = new(new Tokens("mfa-access", "mfa-id", "mfa-refresh", 3600), null);

    /// <summary>The secret and next session AssociateSoftwareToken gives.</summary>
    public SoftwareTokenSecret Secret { get; set; } = new("JBSWY3DPEHPK3PXP", "session-after-associate-0123456789");

    public static AwsServiceException Error(string type, string message = "from Cognito") => new(type, message, HttpStatusCode.BadRequest);

    private void Record(string call)
    {
        if (RecordCalls) Calls.Add(call);
        if (Failures.TryGetValue(call.Split(' ')[0], out var failure)) throw failure;
    }

    public Task<SignUpOutcome> SignUpAsync(string username, string password, string email, CancellationToken cancellationToken = default)
    {
        Record($"SignUp {username} {email}");
        if (!Users.Add(username)) throw Error("UsernameExistsException", "User already exists");
        return Task.FromResult(new SignUpOutcome(false, "sub-" + username));
    }

    public Task AdminConfirmSignUpAsync(string username, CancellationToken cancellationToken = default)
    {
        Record($"AdminConfirmSignUp {username}");
        return Task.CompletedTask;
    }

    public Task AdminAddUserToGroupAsync(string username, string group, CancellationToken cancellationToken = default)
    {
        Record($"AdminAddUserToGroup {username} {group}");
        return Task.CompletedTask;
    }

    public Task AdminDeleteUserAsync(string username, CancellationToken cancellationToken = default)
    {
        Record($"AdminDeleteUser {username}");
        Users.Remove(username);
        return Task.CompletedTask;
    }

    public Task<SignInOutcome> InitiatePasswordAuthAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        Record($"InitiateAuth {username}");
        return Task.FromResult(SignIn);
    }

    public Task<SignInOutcome> RespondToSoftwareTokenMfaAsync(string username, string session, string code, CancellationToken cancellationToken = default)
    {
        Record($"RespondToSoftwareTokenMfa {username} {session} {code}");
        return Task.FromResult(Answer);
    }

    public Task<SoftwareTokenSecret> AssociateSoftwareTokenAsync(string session, CancellationToken cancellationToken = default)
    {
        Record($"AssociateSoftwareToken {session}");
        return Task.FromResult(Secret);
    }

    public Task<SignInOutcome> CompleteMfaSetupAsync(string username, string session, string code, CancellationToken cancellationToken = default)
    {
        Record($"CompleteMfaSetup {username} {session} {code}");
        return Task.FromResult(Answer);
    }
}
