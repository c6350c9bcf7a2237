using System.Text.Json.Serialization;

namespace PetStore.Lambdas.Users;

// Cognito user pools' JSON 1.1 shapes (AWSCognitoIdentityProviderService), with AWS's property names.

internal sealed record AttributeType(string Name, string Value);

internal sealed record SignUpRequest(string ClientId, string Username, string Password, IReadOnlyList<AttributeType> UserAttributes);

internal sealed record SignUpResponse(bool UserConfirmed, string? UserSub);

internal sealed record AdminUserRequest(string UserPoolId, string Username);

internal sealed record AdminAddUserToGroupRequest(string UserPoolId, string Username, string GroupName);

internal sealed record InitiateAuthRequest(string AuthFlow, string ClientId, IReadOnlyDictionary<string, string> AuthParameters);

/// <summary>InitiateAuth's and RespondToAuthChallenge's answer: tokens, or a challenge with the session to answer it in.</summary>
internal sealed record InitiateAuthResponse(AuthenticationResultType? AuthenticationResult, string? ChallengeName, string? Session);

internal sealed record RespondToAuthChallengeRequest(string ChallengeName, string ClientId, string Session, IReadOnlyDictionary<string, string> ChallengeResponses);

internal sealed record AssociateSoftwareTokenRequest(string Session);

internal sealed record AssociateSoftwareTokenResponse(string? SecretCode, string? Session);

internal sealed record VerifySoftwareTokenRequest(string Session, string UserCode);

internal sealed record VerifySoftwareTokenResponse(string? Status, string? Session);

internal sealed record AuthenticationResultType(string? AccessToken, string? IdToken, string? RefreshToken, int? ExpiresIn, string? TokenType);

internal sealed record EmptyResponse;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SignUpRequest))]
[JsonSerializable(typeof(SignUpResponse))]
[JsonSerializable(typeof(AdminUserRequest))]
[JsonSerializable(typeof(AdminAddUserToGroupRequest))]
[JsonSerializable(typeof(InitiateAuthRequest))]
[JsonSerializable(typeof(InitiateAuthResponse))]
[JsonSerializable(typeof(RespondToAuthChallengeRequest))]
[JsonSerializable(typeof(AssociateSoftwareTokenRequest))]
[JsonSerializable(typeof(AssociateSoftwareTokenResponse))]
[JsonSerializable(typeof(VerifySoftwareTokenRequest))]
[JsonSerializable(typeof(VerifySoftwareTokenResponse))]
[JsonSerializable(typeof(EmptyResponse))]
internal sealed partial class CognitoJson : JsonSerializerContext;
