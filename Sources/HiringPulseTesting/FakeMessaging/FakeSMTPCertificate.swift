extension FakeSMTP {
    // A fixed, self-signed P-256 certificate and its private key, for loopback tests only: the key is
    // public (it is in this repository), so nothing it signs is to be trusted anywhere else. Subject
    // CN=127.0.0.1, SAN IP:127.0.0.1 and DNS:localhost, valid 2000-01-01 to 2125-01-01 (so a test
    // machine's clock never falls outside it). A client under test trusts it by this PEM (libcurl's
    // CURLOPT_CAINFO_BLOB, curl's --cacert) with verification left on.

    /// The fake's certificate, PEM: what a client under test should trust.
    public static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBnDCCAUGgAwIBAgIUMGyJsFUBYti7M0ftG9TUPfcfse4wCgYIKoZIzj0EAwIw
        FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTAwMDEwMTAwMDAwMFoYDzIxMjUwMTAx
        MDAwMDAwWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
        PQMBBwNCAAQqyai1Xq5ur0WK5/yRF/732TD9eyuTMor0neAZncXZoTnjh5inzenv
        9p2VHuVjatp2F+4th1lOoHV1lin7Tlnno28wbTAdBgNVHQ4EFgQU1idyvGLvHfsK
        3rVRENXgDFEViWYwHwYDVR0jBBgwFoAU1idyvGLvHfsK3rVRENXgDFEViWYwDwYD
        VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
        zj0EAwIDSQAwRgIhAL2066D5ASnMWVEiEIB7Juq9ILWQsgQlrVLEk3LOlve9AiEA
        uHb1bIoeEUW882MuAqQ5xQBk0jmqOlyd8GMUF1Xhy2k=
        -----END CERTIFICATE-----
        """

    /// The certificate's private key, PEM (PKCS#8). For loopback tests only.
    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgXFKprOjxJvlRb7/H
        vZOs0MuEiwNUHtxFiYCTwcUkp5KhRANCAAQqyai1Xq5ur0WK5/yRF/732TD9eyuT
        Mor0neAZncXZoTnjh5inzenv9p2VHuVjatp2F+4th1lOoHV1lin7Tlnn
        -----END PRIVATE KEY-----
        """
}
