# Layers: signet's source folders, lowest first. Each folder is one static library that links
# only the one below it and sees only the folders below it (CMakeLists.txt), and
# CheckLayers.cmake names any include of a folder above.
set(SIGNET_LAYERS error io json secret net crypto oci sigstore cosign sbom config pipeline cli)
