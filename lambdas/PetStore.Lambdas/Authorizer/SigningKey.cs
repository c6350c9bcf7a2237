using System.Security.Cryptography;

namespace PetStore.Lambdas.Authorizer;

/// <summary>One RSA public key, verifying RS256 signatures (RSASSA-PKCS1-v1_5 with SHA-256).</summary>
public sealed class SigningKey
{
    private readonly RSA _rsa;
    private readonly Lock _gate = new();

    internal SigningKey(RSAParameters parameters)
    {
        _rsa = RSA.Create();
        _rsa.ImportParameters(parameters);
    }

    public bool Verifies(ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature)
    {
        // An RSA instance is not documented as safe for concurrent use; local mode validates in parallel.
        lock (_gate) return _rsa.VerifyData(signedData, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
