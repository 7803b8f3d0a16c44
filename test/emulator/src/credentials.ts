/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- deliberately published, deterministic emulator test credentials (they unlock nothing but the local emulator) */
/* Deterministic default credentials of the emulator's single Developer Console project.
 * The private key below is a TEST key generated for the emulator: it protects nothing and is
 * published on purpose, so a user can paste the ready line into n8n once and keep it. */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

export interface EmulatorCredentials {
	clientId: string;
	clientSecret: string;
	imsOrgId: string;
	consumerOrgId: string;
	projectId: string;
	workspaceId: string;
	credentialId: string;
	technicalAccountId: string;
	/** PKCS#8 PEM of the JWT service-account key; its public key is registered in the emulator's IMS. */
	privateKey: string;
}

export const DEFAULT_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDLiszTuszi1JVa
xtOrrEb2ckvi/NW0tcyJoHlJYQYpVo5iwdKUYARA2wORiuDfVSgWT7S+bVdXI6f7
iG8/NnLR8r5rc3EfsRhxnc7x02MubxlBX3WiCMPEnpyxCxq416lUlPNklDXqOntx
e8xvt9EY1KzkmCnzUvJ2MWPUx04uEg0ajK/nplNrAZ7+/DkGEyM3nX9yqZLlpUXG
11jJAlrh6qPecXlskL1CewY0BWeiorN2qKKnOAb1d93DywWIRXe3TX3o9AtOwKZk
09pKX6wZp0wnPLj94O51xnubf8Z7XRrgNa7zBPac47FkRRESkH+/p4F9N2uhUMCz
ghiSFhaxAgMBAAECggEAOeonCNG8jYgubRNo1A6jbGkuJYqKZi5aYgiaqiHkxmtd
/USoHdbKLwgCVm29OV66FsscIxjqgp1fJUd3W/WqqwlWXC2PURSrX1ynLxDWRjaP
aZX3WyECTxZQgGGn+1NF147ASGyRgLGeQTaX/2u+n8GX5j1TpmwCGFZKURdaq+mt
ZL7oGZxRntK2aMJAT6B6X8lLzZkrTbXrbMIYDpljnKlITqArEBy6fFcE4jA2/Vwh
/EIU30WEsCN0k0JKGpVRvqZm7z33OEUV6m5ybcif2X0tUfS4YL/UqNlD6LIamCVe
XIc+KsNBv/2prRalwreVZMacbN0H04z8IzEBYvlvpwKBgQD8sl/MnHgut+gQieb5
5Yyn0ZYlbbNToAmGqdoQvxKyGpEabfKMYS80i7oI96bnavFYIATRD6esPvOQ+S2v
J16tEqo3zTnhfJBFYW7i52fc4ZlYen2r0JuLLkDqwmbO0sMFrDiCV/SVs/Hs1Ssl
Av29rmx4NZFSe8e+gWTofhlQAwKBgQDOM+9KbYsi4O8v/+b13EAHKB5FGwtc3XY5
mi9iuyLQsXtdMbIWy6SaSsl04DWL8Mi1/QpsQEtH0g+SS5n50RA/LUm/+uPpcgf8
zX3mJb7cvyl5F51EqRdg3ho/XR+KEYA+89d3cGWvwWhpvgb8Yr+ySBbTK3jQA7DB
q4FZWIriOwKBgQDkbqtDYD8UnJNgQAlY5jXcjw5YD28Iradu4KSMdu4Dqxh49+NH
G6N8sMMf0CBFGtvJekhgZPKCNvYfm+G8cK6ZbkIJ56/nMp+I2KdQ3zd46UeiQDjS
1OWHT+zHS618UfKScjkzOyeTHPQZ0CoMb0PJ8J+Fm4cfNV4/zODXewaO2QKBgQDM
ABt78dYWIpzgSvbvRABgVDNmQPRD4qGlKUI6FlPCTeRzdcfvv3bQYq7eHzc6hHO9
gGMAZ7dSjaJ0JLFnsoq1RhPRh+BVQ0hdtdsZhzxFXiYks9UWaYdEgVdMWs/qI5hS
L6F6e8tOTzUCcEqvBO8L7UAPmNGEUjJb2FY2019LowKBgDV9AgOwdOCt1An8vLHm
bNqoj2rFLGRaB3sEyrqbFCBx+DdbDsENte4BaUEONMt1+9y4lRgaYOQ/OaLbYGDs
U/rc+v8JAw/WRfCqrOHyezF8ktstIuHND2YGYpX49KTdhReyRTJmqebOJJvISMoR
P/xN8TzfQU/IrTOTrYnqzc2k
-----END PRIVATE KEY-----
`;

export const DEFAULT_CREDENTIALS: EmulatorCredentials = {
	clientId: 'e7a1c0de5eed4b0f9a1b2c3d4e5f6a7b',
	clientSecret: 'p8e-EMULATOR-not-a-real-secret-0123456789ab',
	imsOrgId: '0A1B2C3D4E5F60718293A4B5@AdobeOrg',
	consumerOrgId: '424242',
	projectId: '4566206088344794932',
	workspaceId: '4566206088344801234',
	credentialId: '777777',
	technicalAccountId: '0F1E2D3C4B5A69788796A5B4@techacct.adobe.com',
	privateKey: DEFAULT_PRIVATE_KEY,
};

export function resolveCredentials(partial?: Partial<EmulatorCredentials>): EmulatorCredentials {
	const merged: EmulatorCredentials = { ...DEFAULT_CREDENTIALS };
	for (const [k, v] of Object.entries(partial ?? {})) {
		if (typeof v === 'string' && v.length > 0) (merged as unknown as Record<string, string>)[k] = v;
	}
	return merged;
}

/** Public key registered for the JWT service account (derived from the private key). */
export function publicKeyOf(privateKeyPem: string): KeyObject {
	return createPublicKey(createPrivateKey(privateKeyPem));
}
