module sifr {
}
